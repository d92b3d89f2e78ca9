'use client';

import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert, FormMessage } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Checkbox, Input, Options, Select, Textarea } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { useFormMutation } from '@/components/ui/use-form-mutation';
import { OUTBOUND_EVENT_TYPES } from '@/server/domain/outbound/events';
import {
  DEFAULT_SIEM_EVENT_TYPES,
  SYSLOG_FACILITIES,
  SYSLOG_FORMATS,
  SYSLOG_TRANSPORTS,
  createSiemDestinationSchema,
  type SiemKind,
} from '@/server/domain/siem/inputs';

const text = (form: FormData, name: string) => String(form.get(name) ?? '');

/** The add-destination form: common fields, then the fields of the kind chosen. */
export function CreateSiemDestinationForm() {
  const trpc = useTRPC();
  const [kind, setKind] = useState<SiemKind>('syslog');
  const [transport, setTransport] = useState<string>('tcp');
  const create = useFormMutation(trpc.siem.create.mutationOptions(), { refresh: true });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const common = {
      name: text(form, 'name'),
      sources: form.getAll('sources').map(String),
      eventTypes: form.getAll('eventTypes').map(String),
    };
    const input =
      kind === 'syslog'
        ? {
            kind,
            ...common,
            syslog: {
              host: text(form, 'host'),
              port: text(form, 'port'),
              transport: text(form, 'transport'),
              caPem: text(form, 'caPem'),
              format: text(form, 'format'),
              facility: text(form, 'facility'),
              appName: text(form, 'appName') || 'vigil',
            },
          }
        : {
            kind,
            ...common,
            token: text(form, 'token'),
            hec: {
              url: text(form, 'url'),
              index: text(form, 'index'),
              sourcetype: text(form, 'sourcetype'),
              verifyTls: form.get('verifyTls') === 'on',
            },
          };
    if (!create.validate(createSiemDestinationSchema, input)) return;
    create.mutate(input as never, { onSuccess: () => element.reset() });
  }

  return (
    <div className="stack">
      <form className="form-grid" onSubmit={onSubmit} aria-label="Add a SIEM destination">
        <Field label="Kind">
          <Select
            name="kind"
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as SiemKind)}
          >
            <option value="syslog">Syslog (RFC 5424)</option>
            <option value="splunk_hec">Splunk HTTP Event Collector</option>
          </Select>
        </Field>
        <Field label="Name" error={create.fieldError('name')}>
          <Input name="name" required maxLength={80} placeholder="e.g. SOC rsyslog" />
        </Field>
        {kind === 'syslog' ? (
          <>
            <Field label="Host" error={create.fieldError('syslog.host')}>
              <Input name="host" required placeholder="siem.example.com" />
            </Field>
            <Field label="Port" error={create.fieldError('syslog.port')}>
              <Input name="port" required inputMode="numeric" defaultValue="6514" />
            </Field>
            <Field label="Transport">
              <Select
                name="transport"
                value={transport}
                onChange={(e) => setTransport(e.currentTarget.value)}
              >
                <Options values={SYSLOG_TRANSPORTS} labelOf={(t) => t.toUpperCase()} />
              </Select>
            </Field>
            <Field label="Format">
              <Select name="format" defaultValue="json">
                <Options values={SYSLOG_FORMATS} labelOf={(f) => f.toUpperCase()} />
              </Select>
            </Field>
            <Field label="Facility">
              <Select name="facility" defaultValue="local0">
                <Options values={SYSLOG_FACILITIES} />
              </Select>
            </Field>
            <Field label="App-name" error={create.fieldError('syslog.appName')}>
              <Input name="appName" defaultValue="vigil" maxLength={48} />
            </Field>
            {transport === 'tls' && (
              <Field
                label="CA certificate (PEM)"
                hint="Only if the receiver's certificate is not signed by a public CA."
                error={create.fieldError('syslog.caPem')}
                className="span-all"
              >
                <Textarea name="caPem" rows={4} placeholder="-----BEGIN CERTIFICATE-----" />
              </Field>
            )}
          </>
        ) : (
          <>
            <Field
              label="Collector URL"
              error={create.fieldError('hec.url')}
              hint="The base URL; Vigil posts to /services/collector/event."
            >
              <Input name="url" required placeholder="https://splunk.example.com:8088" />
            </Field>
            <Field
              label="HEC token"
              error={create.fieldError('token')}
              hint="Stored encrypted; shown afterwards only as its last characters."
            >
              <Input name="token" type="password" required autoComplete="off" />
            </Field>
            <Field label="Index" error={create.fieldError('hec.index')}>
              <Input name="index" placeholder="default index of the token" />
            </Field>
            <Field label="Sourcetype" error={create.fieldError('hec.sourcetype')}>
              <Input name="sourcetype" defaultValue="vigil:event" />
            </Field>
            <Checkbox name="verifyTls" defaultChecked label="Verify the TLS certificate" />
          </>
        )}
        <fieldset className="span-all">
          <legend>Stream</legend>
          <div className="row">
            <Checkbox name="sources" value="signals" defaultChecked label="Signals and events" />
            <Checkbox name="sources" value="audit" label="Audit log" />
          </div>
          {create.fieldError('sources') && (
            <span className="field-error">{create.fieldError('sources')}</span>
          )}
        </fieldset>
        <fieldset className="span-all">
          <legend>Events (for “Signals and events”)</legend>
          <div className="row">
            {OUTBOUND_EVENT_TYPES.map((t) => (
              <Checkbox
                key={t}
                name="eventTypes"
                value={t}
                defaultChecked={(DEFAULT_SIEM_EVENT_TYPES as readonly string[]).includes(t)}
                label={t}
              />
            ))}
          </div>
          {create.fieldError('eventTypes') && (
            <span className="field-error">{create.fieldError('eventTypes')}</span>
          )}
        </fieldset>
        <div>
          <Button variant="primary" type="submit" busy={create.pending} busyLabel="Adding…">
            Add destination
          </Button>
        </div>
      </form>
      <FormMessage message={create.message} />
      {create.data && (
        <Alert tone="ok" role="status">
          Added “{create.data.name}”. It streams what happens from now on; use “Test connection” to
          check it.
        </Alert>
      )}
    </div>
  );
}
