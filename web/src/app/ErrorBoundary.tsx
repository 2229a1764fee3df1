import { Component, type ErrorInfo, type ReactNode } from 'react';
import { FullPageMessage } from './FullPage.tsx';

interface Props {
  children: ReactNode;
  /** Changing it clears a caught error (e.g. the location, so navigating away recovers). */
  resetKey?: string;
}

interface State {
  error: unknown;
  resetKey: string | undefined;
}

const isChunkError = (error: unknown) =>
  error instanceof Error && /dynamically imported module|Importing a module script failed|error loading dynamically/i.test(error.message);

/** Catches render errors and failed chunk downloads (e.g. after an upgrade) so nothing renders blank. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error ?? new Error('Unknown error') };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Frontline crashed while rendering', error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const chunk = isChunkError(error);
    return (
      <FullPageMessage
        title={chunk ? 'Frontline could not load this screen' : 'Something went wrong'}
        error={chunk ? new Error('A newer version may be available, or the connection dropped. Reload the page to continue.') : error}
        onRetry={() => window.location.reload()}
        retryLabel="Reload"
      />
    );
  }
}
