import { Button, Checkbox, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { type StaffRole, staffRoles } from '@diplodesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../lib/notify.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { LoadingBlock } from '../../../ui/LoadingBlock.tsx';
import { fetchSecurityPolicy, saveSecurityPolicy } from '../../session/api/passkeys.api.ts';
import { meQueryKey } from '../../session/api/session.api.ts';

const policyKey = ['security-policy'] as const;

/** Administration → Security: which roles must have a second factor (ASVS 6.3.3). */
export function MfaPolicySection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const policy = useQuery({ queryKey: policyKey, queryFn: ({ signal }) => fetchSecurityPolicy(signal) });
  const [chosen, setChosen] = useState<StaffRole[] | null>(null);
  const save = useMutation({
    mutationFn: saveSecurityPolicy,
    onSuccess: (saved) => {
      queryClient.setQueryData(policyKey, saved);
      setChosen(null);
      // The administrator may be one of those now held to enrolment.
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
      notifySuccess(t('security.policy.saved'));
    },
  });
  if (policy.isPending) return <LoadingBlock />;
  if (policy.error) return <ErrorAlert error={policy.error} onRetry={() => void policy.refetch()} />;
  const value = chosen ?? policy.data.mfaRequiredRoles;

  return (
    <Stack gap="md">
      {save.error ? <ErrorAlert error={save.error} /> : null}
      <Checkbox.Group label={t('security.policy.roles')} value={value} onChange={(v) => setChosen(v as StaffRole[])}>
        <SimpleGrid cols={{ base: 2, sm: 3 }} mt="xs">
          {staffRoles.map((role) => (
            <Checkbox key={role} value={role} label={t(`roles.${role}`)} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      {value.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('security.policy.none')}
        </Text>
      ) : null}
      <Group>
        <Button onClick={() => save.mutate({ mfaRequiredRoles: value })} loading={save.isPending} disabled={chosen === null}>
          {t('security.policy.save')}
        </Button>
      </Group>
    </Stack>
  );
}
