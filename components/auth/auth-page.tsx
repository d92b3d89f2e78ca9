import type { ReactNode } from 'react';

/**
 * The frame of the signed-out steps (sign in, second factor, enrolment): the brand, a title and
 * a lead line, then the step's own content. `wide` suits content with sections of its own.
 */
export function AuthPage({
  title,
  lead,
  wide = false,
  children,
}: {
  title: string;
  lead: ReactNode;
  wide?: boolean;
  children: ReactNode;
}) {
  const heading = (
    <>
      <h1 className="auth-title mb-4">{title}</h1>
      <p className="muted small mt-0">{lead}</p>
    </>
  );
  return (
    <div className="auth-wrap">
      <div className={wide ? 'auth-wide stack' : 'card auth-card'}>
        <div className="brand">
          <span className="brand-mark" aria-hidden>
            V
          </span>
          Vigil
        </div>
        {wide ? <div>{heading}</div> : heading}
        {children}
      </div>
    </div>
  );
}
