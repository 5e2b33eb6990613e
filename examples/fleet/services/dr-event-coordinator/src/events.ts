export interface GridSignal {
  signalId: string;
  program: string;
  zone: string;
  startsAt: string;
  endsAt: string;
  requestedMw: number;
  cancelled?: boolean;
}

export interface DispatchCommand {
  eventId: string;
  siteId: string;
  setpointKw: number;
}

export interface DrEvent {
  id: string;
  version: number;
  status: 'scheduled' | 'dispatched' | 'cancelled';
  zone: string;
  siteIds: string[];
  startsAt: string;
  endsAt: string;
  targetReductionKw: number;
  dispatchedKw: number;
}

/** The live demand-response events, keyed by the grid operator's signal id. */
export class EventBook {
  private readonly events = new Map<string, DrEvent>();
  private readonly sitesByZone = new Map<string, string[]>();

  enrol(zone: string, siteIds: string[]): void {
    this.sitesByZone.set(zone, siteIds);
  }

  onSignal(signal: GridSignal): DrEvent[] {
    const existing = this.events.get(signal.signalId);
    if (signal.cancelled) {
      if (!existing || existing.status === 'cancelled') return [];
      const cancelled = { ...existing, status: 'cancelled' as const, version: existing.version + 1 };
      this.events.set(signal.signalId, cancelled);
      return [cancelled];
    }
    const next: DrEvent = {
      id: signal.signalId,
      version: (existing?.version ?? 0) + 1,
      status: 'scheduled',
      zone: signal.zone,
      siteIds: this.sitesByZone.get(signal.zone) ?? [],
      startsAt: signal.startsAt,
      endsAt: signal.endsAt,
      targetReductionKw: signal.requestedMw * 1000,
      dispatchedKw: existing?.dispatchedKw ?? 0,
    };
    this.events.set(signal.signalId, next);
    return [next];
  }

  onCommand(command: DispatchCommand): DrEvent[] {
    const event = this.events.get(command.eventId);
    if (!event || event.status === 'cancelled') return [];
    const dispatchedKw = event.dispatchedKw + command.setpointKw;
    const status = dispatchedKw >= event.targetReductionKw ? 'dispatched' : event.status;
    if (status === event.status) {
      event.dispatchedKw = dispatchedKw;
      return [];
    }
    const next = { ...event, status, dispatchedKw, version: event.version + 1 };
    this.events.set(event.id, next);
    return [next];
  }
}
