/** The changes a /setup button would make, one per line, shown before it is pressed. */
export function SetupChangeList({ changes, testId }: { changes: string[]; testId: string }) {
  return (
    <ul className="list-disc space-y-1 pl-5 text-sm" data-testid={testId}>
      {changes.map((change) => (
        <li key={change} className="[overflow-wrap:anywhere]">
          {change}
        </li>
      ))}
    </ul>
  );
}
