export declare const integrationTiers: Record<string, { postgres: boolean; why: string }>;
export declare const postgresTierFiles: string[];
