/**
 * Remembers the last `capacity` webhook delivery ids (`X-GitHub-Delivery`, Probot's
 * `context.id`). A redelivery keeps its id, so it is recognised and handled once.
 */
export interface DeliveryDedupe {
  /** True the first time an id is seen; false for a redelivery still remembered. */
  firstSeen(deliveryId: string): boolean;
}

export function createDeliveryDedupe(capacity: number): DeliveryDedupe {
  const seen = new Set<string>();
  return {
    firstSeen(deliveryId) {
      if (seen.has(deliveryId)) return false;
      seen.add(deliveryId);
      if (seen.size > capacity) {
        const oldest = seen.values().next().value;
        if (oldest !== undefined) seen.delete(oldest);
      }
      return true;
    },
  };
}
