import Link from 'next/link';

export const metadata = { title: 'Page not found' };

export default function NotFound() {
  return (
    <div className="auth-wrap">
      <div className="card auth-card">
        <div className="empty">
          <h1 className="mb-8">Page not found</h1>
          <p>The page you asked for does not exist or was moved.</p>
          <Link className="btn btn-primary" href="/">
            Go to the overview
          </Link>
        </div>
      </div>
    </div>
  );
}
