import type { SelfCheckFlow } from 'selfcheck-widget';

// The practice's own app: its heading and text, and the self-check with its static contacts.
export function App({ flow = 'loved-one-rejects-help' }: { flow?: SelfCheckFlow }) {
  return (
    <main>
      <h1 id="app-title">Riverside Counselling</h1>
      <p id="app-text">Talk to us about someone you are worried about.</p>
      <self-check region="us" lang="en" flow={flow} practice-name="Riverside Counselling" practice-phone="555 010 2000" practice-url="https://example.org/contact">
        <p className="contacts">
          <strong>If someone is in danger now:</strong> call <a href="tel:911">911</a>, or call or text <a href="tel:988">988</a>.
        </p>
      </self-check>
    </main>
  );
}
