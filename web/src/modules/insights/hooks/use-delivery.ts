import type { SmtpSettingsRequest } from '@diplodesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createWebhook,
  deleteWebhook,
  deliveriesQueryKey,
  deliveryQueryKey,
  fetchDeliveries,
  fetchRecipients,
  fetchSmtp,
  fetchWebhooks,
  type NewWebhook,
  recipientsQueryKey,
  rotateWebhookSecret,
  saveSmtp,
  sendTestMail,
  smtpQueryKey,
  updateWebhook,
  type WebhookChange,
  webhooksQueryKey,
} from '../api/delivery.api.ts';

export const useSmtpSettings = () => useQuery({ queryKey: smtpQueryKey, queryFn: ({ signal }) => fetchSmtp(signal) });
export const useWebhooks = () => useQuery({ queryKey: webhooksQueryKey, queryFn: ({ signal }) => fetchWebhooks(signal) });
export const useDeliveries = (alertId?: string, enabled = true) => useQuery({ queryKey: deliveriesQueryKey(alertId), queryFn: ({ signal }) => fetchDeliveries(alertId, signal), refetchInterval: 10_000, enabled });
export const useRecipients = (unitId: string) => useQuery({ queryKey: recipientsQueryKey(unitId), queryFn: ({ signal }) => fetchRecipients(unitId, signal), enabled: unitId !== '' });

function useInvalidating<A, R>(fn: (arg: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries({ queryKey: deliveryQueryKey }) });
}

export const useSaveSmtp = () => useInvalidating((body: SmtpSettingsRequest) => saveSmtp(body));
export const useSendTestMail = () => useMutation({ mutationFn: sendTestMail });
export const useCreateWebhook = () => useInvalidating((body: NewWebhook) => createWebhook(body));
export const useUpdateWebhook = () => useInvalidating((input: { id: string; body: WebhookChange }) => updateWebhook(input.id, input.body));
export const useRotateWebhookSecret = () => useInvalidating((id: string) => rotateWebhookSecret(id));
export const useDeleteWebhook = () => useInvalidating((id: string) => deleteWebhook(id));
