import Link from 'next/link';

export function Refusal({
  title = 'Not available to your role',
  message,
}: {
  title?: string;
  message: string;
}) {
  return (
    <div className="card">
      <div className="empty">
        <h3>{title}</h3>
        <p>{message}</p>
        <Link href="/">Back to the overview</Link>
      </div>
    </div>
  );
}
