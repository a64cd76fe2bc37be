'use client';

import { createContext, useActionState, useContext } from 'react';
import type { FormState } from '@/lib/auth/accounts';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

const FieldErrorsContext = createContext<Record<string, string[]> | undefined>(undefined);
const FieldValuesContext = createContext<Record<string, string> | undefined>(undefined);

/**
 * A form bound to a server action that answers with a FormState: the message after the
 * submit, and each field's errors under that field (<FieldError name="…"/>). Works without
 * JavaScript too (the page then shows the action's answer after a full reload).
 */
export function ActionForm({ action, children, className, testId }: { action: Action; children: React.ReactNode; className?: string; testId?: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className={className} data-testid={testId} aria-busy={pending}>
      <FieldValuesContext.Provider value={state?.values}>
        <FieldErrorsContext.Provider value={state?.fieldErrors}>{children}</FieldErrorsContext.Provider>
      </FieldValuesContext.Provider>
      {state?.error && (
        <p role="alert" className="mt-2 w-full rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          {state.error}
        </p>
      )}
      {state?.ok && (
        <p role="status" className="mt-2 w-full rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200">
          {state.ok}
        </p>
      )}
    </form>
  );
}

/**
 * An input that keeps what was typed when the action answers with errors (React resets a form
 * after its action; the action sends the values back, never passwords).
 */
export function KeptInput(props: React.InputHTMLAttributes<HTMLInputElement> & { name: string }) {
  const kept = useContext(FieldValuesContext)?.[props.name];
  return <input {...props} key={kept ?? ''} defaultValue={kept ?? props.defaultValue} />;
}

export function KeptSelect(props: React.SelectHTMLAttributes<HTMLSelectElement> & { name: string }) {
  const kept = useContext(FieldValuesContext)?.[props.name];
  return <select {...props} key={kept ?? ''} defaultValue={kept ?? props.defaultValue} />;
}

export function FieldError({ name }: { name: string }) {
  const errors = useContext(FieldErrorsContext)?.[name];
  if (!errors?.length) return null;
  return (
    <p className="mt-1 text-xs text-red-700" id={`${name}-error`}>
      {errors.join(' ')}
    </p>
  );
}
