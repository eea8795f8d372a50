import { type StaffRole, type SsoProviderDto, type SsoRule, staffRoles } from '@diplodesk/contracts';
import { ActionIcon, Button, Checkbox, Group, PasswordInput, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { useUnits } from '../../units/hooks/use-units.ts';
import { useSaveSsoProvider } from '../hooks/use-sso.ts';
import { SearchSelect } from '../../../ui/SearchSelect.tsx';

type RuleRow = Omit<SsoRule, 'unitId'> & { unitId: string | null; rowKey: number };
let rowKeys = 0;
const newRule = (): RuleRow => ({ rowKey: ++rowKeys, claim: 'groups', match: 'contains', value: '', unitId: null, role: 'viewer' });

export interface SsoProviderFormProps {
  provider: SsoProviderDto | null;
  onDone: () => void;
}

/** Add or change one identity provider. The client secret is write-only: empty keeps the stored one. */
export function SsoProviderForm({ provider, onDone }: SsoProviderFormProps) {
  const { t } = useTranslation();
  const units = useUnits();
  const save = useSaveSsoProvider();
  const [key, setKey] = useState(provider?.key ?? '');
  const [displayName, setDisplayName] = useState(provider?.displayName ?? '');
  const [issuer, setIssuer] = useState(provider?.issuer ?? '');
  const [clientId, setClientId] = useState(provider?.clientId ?? '');
  const [clientSecret, setClientSecret] = useState('');
  const [scopes, setScopes] = useState(provider?.scopes ?? 'openid email profile');
  const [enabled, setEnabled] = useState(provider?.enabled ?? true);
  const [linkExistingByEmail, setLinkExisting] = useState(provider?.linkExistingByEmail ?? false);
  const [noMatch, setNoMatch] = useState<'refuse' | 'viewer'>(provider?.noMatch ?? 'refuse');
  const [requireMfa, setRequireMfa] = useState(provider?.requireMfa ?? false);
  const [idpEnforcesMfa, setIdpEnforcesMfa] = useState(provider?.idpEnforcesMfa ?? false);
  const [rules, setRules] = useState<RuleRow[]>(() => provider?.rules.map((r) => ({ ...r, rowKey: ++rowKeys })) ?? []);
  const unitOptions = (units.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name} (${u.code})` }));
  const roleOptions = staffRoles.map((role) => ({ value: role, label: t(`roles.${role}`) }));
  const matchOptions = [
    { value: 'contains', label: t('sso.admin.matchContains') },
    { value: 'equals', label: t('sso.admin.matchEquals') },
  ];
  const updateRule = (rowKey: number, patch: Partial<RuleRow>) => setRules(rules.map((r) => (r.rowKey === rowKey ? { ...r, ...patch } : r)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      ...(provider ? {} : { key: key.trim() }),
      displayName: displayName.trim(),
      issuer: issuer.trim(),
      clientId: clientId.trim(),
      ...(clientSecret ? { clientSecret } : {}),
      scopes: scopes.trim().replace(/\s+/g, ' '),
      enabled,
      linkExistingByEmail,
      noMatch,
      requireMfa,
      idpEnforcesMfa,
      rules: rules.filter((r) => r.unitId).map(({ rowKey: _, unitId, ...r }) => ({ ...r, unitId: unitId as string })),
    };
    save.mutate({ id: provider?.id ?? null, body }, { onSuccess: onDone });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {save.error ? <ErrorAlert error={save.error} /> : null}
        <TextInput label={t('sso.admin.key')} description={t('sso.admin.keyHint')} value={key} onChange={(e) => setKey(e.currentTarget.value)} disabled={provider !== null} required />
        <TextInput label={t('sso.admin.displayName')} description={t('sso.admin.displayNameHint')} value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} required />
        <TextInput label={t('sso.admin.issuer')} description={t('sso.admin.issuerHint')} value={issuer} onChange={(e) => setIssuer(e.currentTarget.value)} required type="url" />
        <TextInput label={t('sso.admin.clientId')} value={clientId} onChange={(e) => setClientId(e.currentTarget.value)} required />
        <PasswordInput
          label={t('sso.admin.clientSecret')}
          description={provider ? t('sso.admin.clientSecretKeep') : undefined}
          value={clientSecret}
          onChange={(e) => setClientSecret(e.currentTarget.value)}
          required={provider === null}
          autoComplete="off"
        />
        <TextInput label={t('sso.admin.scopes')} description={t('sso.admin.scopesHint')} value={scopes} onChange={(e) => setScopes(e.currentTarget.value)} />
        <Checkbox label={t('sso.admin.enabled')} checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} />
        <Checkbox label={t('sso.admin.linkExisting')} description={t('sso.admin.linkExistingHint')} checked={linkExistingByEmail} onChange={(e) => setLinkExisting(e.currentTarget.checked)} />
        <Checkbox label={t('sso.admin.requireMfa')} description={t('sso.admin.requireMfaHint')} checked={requireMfa} onChange={(e) => setRequireMfa(e.currentTarget.checked)} />
        <Checkbox label={t('sso.admin.idpEnforcesMfa')} description={t('sso.admin.idpEnforcesMfaHint')} checked={idpEnforcesMfa} onChange={(e) => setIdpEnforcesMfa(e.currentTarget.checked)} />
        <Select
          label={t('sso.admin.noMatch')}
          data={[
            { value: 'refuse', label: t('sso.admin.noMatchRefuse') },
            { value: 'viewer', label: t('sso.admin.noMatchViewer') },
          ]}
          value={noMatch}
          onChange={(v) => setNoMatch(v === 'viewer' ? 'viewer' : 'refuse')}
          allowDeselect={false}
        />
        <Title order={3} size="h5">
          {t('sso.admin.rules')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('sso.admin.rulesHint')}
        </Text>
        {rules.map((rule, index) => (
          <Group key={rule.rowKey} gap="xs" align="flex-end" wrap="wrap">
            <TextInput style={{ flex: '1 1 8rem' }} label={t('sso.admin.ruleClaim', { number: index + 1 })} value={rule.claim} onChange={(e) => updateRule(rule.rowKey, { claim: e.currentTarget.value })} />
            <Select style={{ flex: '1 1 7rem' }} label={t('sso.admin.ruleMatch', { number: index + 1 })} data={matchOptions} value={rule.match} onChange={(v) => updateRule(rule.rowKey, { match: v === 'equals' ? 'equals' : 'contains' })} allowDeselect={false} />
            <TextInput style={{ flex: '1 1 8rem' }} label={t('sso.admin.ruleValue', { number: index + 1 })} value={rule.value} onChange={(e) => updateRule(rule.rowKey, { value: e.currentTarget.value })} />
            <SearchSelect style={{ flex: '2 1 12rem' }} label={t('sso.admin.ruleUnit', { number: index + 1 })} data={unitOptions} value={rule.unitId} onChange={(v) => updateRule(rule.rowKey, { unitId: v })} searchable />
            <Select style={{ flex: '1 1 8rem' }} label={t('sso.admin.ruleRole', { number: index + 1 })} data={roleOptions} value={rule.role} onChange={(v) => updateRule(rule.rowKey, { role: (v ?? 'viewer') as StaffRole })} allowDeselect={false} />
            <ActionIcon variant="subtle" color="red" size="lg" aria-label={t('sso.admin.removeRule', { number: index + 1 })} onClick={() => setRules(rules.filter((r) => r.rowKey !== rule.rowKey))}>
              <IconTrash size={18} aria-hidden />
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button variant="subtle" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setRules([...rules, newRule()])}>
            {t('sso.admin.addRule')}
          </Button>
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('sso.admin.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
