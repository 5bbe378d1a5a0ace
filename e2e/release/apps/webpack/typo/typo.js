// Must NOT type-check: a misspelt region and a misspelt setting (apps.test.mjs expects
// TS2322 and TS2353 here).
/** @type {import('selfcheck-widget').SelfCheckAttributes} */
export const region = { region: 'uss' };
/** @type {import('selfcheck-widget').SelfCheckAttributes} */
export const setting = { 'practice-nmae': 'Riverside Counselling' };
