// Must NOT type-check: a misspelt region (apps.test.mjs expects TS2322 here).
export const Typo = () => <self-check region="uss" lang="en" />;
