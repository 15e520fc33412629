import type { AnyEvent } from '../kernel/events.ts';
import { EventCatalogue } from '../kernel/events.ts';
import { credentialsModuleEvents } from './credentials/events.ts';
import { deliveriesModuleEvents } from './deliveries/events.ts';
import { eventsModuleEvents } from './events/events.ts';
import { executionsModuleEvents } from './executions/events.ts';
import { tenancyModuleEvents } from './tenancy/events.ts';
import { agentsModuleEvents } from './agents/events.ts';
import { telemetryModuleEvents } from './telemetry/events.ts';
import { triggersModuleEvents } from './triggers/events.ts';

/** Every domain event of every module: what units of work may emit and endpoints subscribe to. */
export const catalogue = new EventCatalogue([
  ...eventsModuleEvents,
  ...executionsModuleEvents,
  ...tenancyModuleEvents,
  ...credentialsModuleEvents,
  ...deliveriesModuleEvents,
  ...agentsModuleEvents,
  ...telemetryModuleEvents,
  ...triggersModuleEvents,
] as AnyEvent[]);
