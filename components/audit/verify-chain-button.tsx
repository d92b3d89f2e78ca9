'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { FormMessage } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';

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
        <Badge tone="ok" role="status">
          Chain intact: {result.entries} entries verified
        </Badge>
      )}
      {!verify.isFetching && result && !result.ok && (
        <Badge tone="danger" role="alert">
          Chain broken at entry #{result.brokenAt.seq}: {result.reason}
        </Badge>
      )}
      <FormMessage message={verify.error?.message} inline />
      <Button
        disabled={verify.isFetching}
        onClick={() => (requested > 0 ? void verify.refetch() : setRequested(1))}
      >
        Verify chain
      </Button>
    </div>
  );
}
