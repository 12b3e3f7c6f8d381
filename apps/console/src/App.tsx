import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { Navigate, NavLink, Outlet, Route, Routes, useLocation, useNavigate, useParams } from 'react-router-dom';
import { rateLimitNotice, sessionExpiry } from './api/client';
import { onSessionChange, readSession, writeSession } from './api/session';
import { AuditLog } from './screens/AuditLog';
import { BearerTokens } from './screens/BearerTokens';
import { Login } from './screens/Login';
import { TenantKeys } from './screens/TenantKeys';
import { Tenants } from './screens/Tenants';
import { Batches } from './screens/tenant/Batches';
import { Credentials } from './screens/tenant/Credentials';
import { Insights } from './screens/tenant/Insights';
import { MemberDetail } from './screens/tenant/MemberDetail';
import { Members } from './screens/tenant/Members';
import { Overview } from './screens/tenant/Overview';
import { PassDetail } from './screens/tenant/PassDetail';
import { Passes } from './screens/tenant/Passes';
import { StyleEditor } from './screens/tenant/StyleEditor';
import { StyleGroups } from './screens/tenant/StyleGroups';
import { Styles } from './screens/tenant/Styles';
import { Tiers } from './screens/tenant/Tiers';
import { WebhookDetail } from './screens/tenant/WebhookDetail';
import { Webhooks } from './screens/tenant/Webhooks';

function useSession() {
  return useSyncExternalStore(onSessionChange, readSession, readSession);
}

/** Signed out, or the token's time is up: to sign-in, remembering where the user was. */
function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (!session || Date.parse(session.expiresAt) <= Date.now()) {
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  return <Shell email={session.email} />;
}

function Shell({ email }: { email: string }) {
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const [wait, setWait] = useState<number | null>(null);
  useEffect(() => {
    rateLimitNotice.onWait = setWait;
    sessionExpiry.onExpired = () => navigate(`/login?next=${encodeURIComponent(window.location.pathname.replace(/^\/console/, '') + window.location.search)}`, { replace: true });
  }, [navigate]);
  const tenantId = /^\/t\/([^/]+)/.exec(location.pathname)?.[1];
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <span className="brand">WalletPass console</span>
        <nav aria-label="Admin">
          <NavLink to="/tenants">Tenants</NavLink>
          <NavLink to="/bearer-tokens">Bearer tokens</NavLink>
          <NavLink to="/audit-log">Audit log</NavLink>
        </nav>
        <span className="who">
          {email}{' '}
          <button
            type="button"
            onClick={() => {
              writeSession(null);
              queryClient.clear();
              navigate('/login');
            }}
          >
            Sign out
          </button>
        </span>
      </header>
      {tenantId && <TenantNav tenantId={tenantId} />}
      {wait !== null && (
        <p className="banner" role="status">
          The API asked us to slow down (429). Retrying in {wait} s (Retry-After).
        </p>
      )}
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}

function TenantNav({ tenantId }: { tenantId: string }) {
  const links: Array<[string, string]> = [
    ['overview', 'Overview'],
    ['credentials', 'Credentials'],
    ['tiers', 'Tiers'],
    ['styles', 'Pass styles'],
    ['style-groups', 'Style groups'],
    ['members', 'Members'],
    ['passes', 'Passes'],
    ['webhooks', 'Webhooks'],
    ['insights', 'Insights'],
    ['batches', 'Batches'],
  ];
  return (
    <nav className="tenant-nav" aria-label="Tenant">
      {links.map(([path, label]) => (
        <NavLink key={path} to={`/t/${tenantId}/${path}`}>
          {label}
        </NavLink>
      ))}
    </nav>
  );
}

function TenantIndex() {
  const { tenantId } = useParams();
  return <Navigate to={`/t/${tenantId}/overview`} replace />;
}

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<Login />} />
      <Route element={<RequireSession />}>
        <Route path="/" element={<Navigate to="/tenants" replace />} />
        <Route path="/tenants" element={<Tenants />} />
        <Route path="/tenants/:tenantId/keys" element={<TenantKeys />} />
        <Route path="/bearer-tokens" element={<BearerTokens />} />
        <Route path="/audit-log" element={<AuditLog />} />
        <Route path="/t/:tenantId" element={<TenantIndex />} />
        <Route path="/t/:tenantId/overview" element={<Overview />} />
        <Route path="/t/:tenantId/credentials" element={<Credentials />} />
        <Route path="/t/:tenantId/tiers" element={<Tiers />} />
        <Route path="/t/:tenantId/styles" element={<Styles />} />
        <Route path="/t/:tenantId/styles/:styleId" element={<StyleEditor />} />
        <Route path="/t/:tenantId/style-groups" element={<StyleGroups />} />
        <Route path="/t/:tenantId/members" element={<Members />} />
        <Route path="/t/:tenantId/members/:memberId" element={<MemberDetail />} />
        <Route path="/t/:tenantId/passes" element={<Passes />} />
        <Route path="/t/:tenantId/passes/:passId" element={<PassDetail />} />
        <Route path="/t/:tenantId/webhooks" element={<Webhooks />} />
        <Route path="/t/:tenantId/webhooks/:webhookId" element={<WebhookDetail />} />
        <Route path="/t/:tenantId/insights" element={<Insights />} />
        <Route path="/t/:tenantId/batches" element={<Batches />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

function NotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p>
        <NavLink to="/tenants">Back to tenants</NavLink>
      </p>
    </>
  );
}
