// Says why a share link could not be opened. The text is one of codec.ts's fixed messages: nothing
// from the link itself is shown.
export function ShareAlert({ message, onDismiss }: { message: string; onDismiss: () => void }) {
  return (
    <div className="pw-share-alert" role="alert">
      <span>{message}</span>
      <button type="button" className="pw-action" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
