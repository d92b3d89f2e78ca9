-- SAML request ids and SSO tickets are consulted before anyone is signed in, on the privileged
-- sign-in path only: the app role never touches them (docs/SECURITY.md §Single sign-on).
REVOKE ALL ON saml_requests FROM vigil_app;
--> statement-breakpoint
REVOKE ALL ON sso_tickets FROM vigil_app;
