'use client';

import { useMutation, type MutateOptions, type UseMutationOptions } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import {
  fieldMessage,
  firstPerPath,
  formLevelMessage,
  issuesOf,
  type FieldErrorMap,
  type Issue,
} from './form-errors';

export type { FieldErrorMap };

/** What a tRPC client error carries that a form shows. */
export interface FormErrorLike {
  message: string;
  data?: { fieldErrors?: FieldErrorMap } | null;
}

/** A zod-like schema: only `safeParse` and its issues are used. */
interface IssueSchema {
  safeParse(input: unknown):
    | { success: true }
    | {
        success: false;
        error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] };
      };
}

export interface FormMutationConfig<TData, TVariables> {
  /** After the mutation succeeded (and any `onSuccess` in the mutation options). */
  onSuccess?: (data: TData, variables: TVariables) => unknown;
  /** Refresh the page's server data after success (`router.refresh()`, after `onSuccess`). */
  refresh?: boolean;
  /** Success navigates away: stay busy after it, so the form cannot be sent twice meanwhile. */
  navigates?: boolean;
  /**
   * The fields that show their own server message; `message` stays empty while one of them
   * does. Without it, `message` is every error's message.
   */
  fields?: readonly string[];
}

export interface FormMutation<TData, TVariables, TError = unknown, TContext = unknown> {
  /**
   * Runs the mutation (client errors are kept; `validate` clears them). `options` are this
   * call's own callbacks, run after the hook's.
   */
  mutate: (
    variables: TVariables,
    options?: MutateOptions<TData, TError, TVariables, TContext>,
  ) => void;
  /**
   * Checks `input` against the schema the server uses, so messages show by their fields before a
   * round trip. Returns whether it passed; on failure it also clears the last server error.
   */
  validate: (schema: IssueSchema, input: unknown) => boolean;
  /** Forgets the server result and the client errors. */
  reset: () => void;
  /** The request is out (or, with `navigates`, succeeded and the page is leaving). */
  busy: boolean;
  /** The request is out. */
  pending: boolean;
  /** The last request succeeded. */
  done: boolean;
  data: TData | undefined;
  error: FormErrorLike | null;
  /**
   * The first message for a field: the client check's for that path or below it
   * (`certifications.0.name`, or `identifiers` for any identifier), else the server's.
   */
  fieldError: (path: string) => string | undefined;
  /** The server's per-field messages of the last error (empty without one). */
  serverFieldErrors: FieldErrorMap;
  /** The client check's first message per issue path (empty when it passed or did not run). */
  clientErrors: Readonly<Record<string, string>>;
  /** The last client check failed. */
  invalid: boolean;
  /** The error to show at form level: one that none of `fields` shows by itself. */
  message: string | null;
}

/**
 * The plumbing every mutation form repeats: run a tRPC mutation (pass
 * `trpc.x.y.mutationOptions()`), a busy flag, field errors from the client's zod check or the
 * server's, a form-level message, and what happens on success (a callback, a refresh).
 */
export function useFormMutation<TData, TError, TVariables, TContext>(
  options: UseMutationOptions<TData, TError, TVariables, TContext>,
  config: FormMutationConfig<TData, TVariables> = {},
): FormMutation<TData, TVariables, TError, TContext> {
  const router = useRouter();
  const [issues, setIssues] = useState<Issue[]>([]);
  const mutation = useMutation<TData, TError, TVariables, TContext>({
    ...options,
    onSuccess: async (...args) => {
      await options.onSuccess?.(...args);
      await config.onSuccess?.(args[0], args[1]);
      if (config.refresh) router.refresh();
    },
  });

  const error = (mutation.error as FormErrorLike | null) ?? null;
  const serverFields: FieldErrorMap = error?.data?.fieldErrors ?? {};
  const fieldError = (path: string) => fieldMessage(path, issues, serverFields);

  return {
    mutate: (variables, mutateOptions) => mutation.mutate(variables, mutateOptions),
    validate(schema, input) {
      const checked = schema.safeParse(input);
      if (checked.success) {
        setIssues([]);
        return true;
      }
      setIssues(issuesOf(checked.error.issues));
      mutation.reset();
      return false;
    },
    reset() {
      setIssues([]);
      mutation.reset();
    },
    busy: mutation.isPending || (Boolean(config.navigates) && mutation.isSuccess),
    pending: mutation.isPending,
    done: mutation.isSuccess,
    data: mutation.data,
    error,
    fieldError,
    serverFieldErrors: serverFields,
    clientErrors: firstPerPath(issues),
    invalid: issues.length > 0,
    message: formLevelMessage(error, serverFields, config.fields),
  };
}
