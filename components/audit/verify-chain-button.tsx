'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';

export function VerifyChainButton() {
  const trpc = useTRPC();
  const [requested, setRequested] = useState(0);
  const verify = useQuery({
    ...trpc.audit.verify.queryOptions(undefined, { staleTime: 0, gcTime: 0 }),
    enabled: requested > 0,
  });
  const result = verify.data;
  return (
    <div className="row">
      {verify.isFetching && <span className="muted small">Verifying…</span>}
      {!verify.isFetching && result?.ok && (
        <span className="badge badge-ok" role="status">
          Chain intact: {result.entries} entries verified
        </span>
      )}
      {!verify.isFetching && result && !result.ok && (
        <span className="badge badge-danger" role="alert">
          Chain broken at entry #{result.brokenAt.seq}: {result.reason}
        </span>
      )}
      {verify.error && (
        <span className="field-error" role="alert">
          {verify.error.message}
        </span>
      )}
      <button
        type="button"
        className="btn"
        disabled={verify.isFetching}
        onClick={() => (requested > 0 ? void verify.refetch() : setRequested(1))}
      >
        Verify chain
      </button>
    </div>
  );
}
