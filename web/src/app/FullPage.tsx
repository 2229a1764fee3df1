import { errorMessage } from './api.ts';
import { LogoMark } from './LogoMark.tsx';

/*
 * Whole-page states shown before any screen has loaded (or when one cannot load). Plain elements
 * styled in app.css, so they cost nothing in the entry chunk and still work when a chunk fails.
 */

/** Shown while the app finds out who is signed in, or while the first screen's code loads. */
export function FullPageLoader({ label = 'Loading Frontline…' }: { label?: string }) {
  return (
    <div className="fl-fullpage" role="status" aria-live="polite">
      <LogoMark size={40} />
      <span className="fl-spinner" aria-hidden="true" />
      <p className="fl-fullpage-text">{label}</p>
    </div>
  );
}

export function FullPageMessage({
  title,
  error,
  onRetry,
  retryLabel = 'Try again',
}: {
  title: string;
  error: unknown;
  onRetry?: () => void;
  retryLabel?: string;
}) {
  return (
    <main className="fl-fullpage">
      <LogoMark size={40} />
      <div className="fl-fullpage-card" role="alert">
        <h1 className="fl-fullpage-title">{title}</h1>
        <p className="fl-fullpage-text">{errorMessage(error)}</p>
        {onRetry && (
          <button type="button" className="fl-fullpage-button" onClick={onRetry}>
            {retryLabel}
          </button>
        )}
      </div>
    </main>
  );
}
