import { createContext, useContext } from 'react';

export type LiveStatus = 'off' | 'connecting' | 'open' | 'reconnecting';

export const LiveStatusContext = createContext<LiveStatus>('off');

export function useLiveStatus(): LiveStatus {
  return useContext(LiveStatusContext);
}
