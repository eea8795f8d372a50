export { BUILT_IN_CONNECTORS, type ConfiguredConnector, type ConnectorRegistry, createConnectorRegistry, builtInConnectors } from './registry.ts';
