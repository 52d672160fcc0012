import { randomUUID } from 'node:crypto';

/** A restaurant; `ownerId` is the Tessera user id of the `restaurant-owner` who runs it. */
export interface Restaurant {
  id: string;
  name: string;
  ownerId: string | null;
}

export interface MenuItem {
  id: string;
  name: string;
  priceCents: number;
}

export interface OrderLine {
  itemId: string;
  name: string;
  quantity: number;
  priceCents: number;
}

/** An order belongs to the user who placed it; nobody else can list it. */
export interface Order {
  id: string;
  userId: string;
  restaurantId: string;
  lines: OrderLine[];
  totalCents: number;
  placedAt: string;
}

/**
 * The example's own data: restaurants, menus and orders, in memory. Only the authentication is
 * real (Tessera, on SQLite); the food is not, so it resets on every start.
 *
 * @example
 * const catalog = new FoodCatalog([{ id: 'r1', name: 'Pizza Nova', ownerId: null }]);
 */
export class FoodCatalog {
  readonly #restaurants = new Map<string, Restaurant>();
  readonly #menus = new Map<string, MenuItem[]>();
  readonly #orders: Order[] = [];

  constructor(restaurants: readonly Restaurant[], menus: Readonly<Record<string, MenuItem[]>> = {}) {
    for (const restaurant of restaurants) {
      this.#restaurants.set(restaurant.id, { ...restaurant });
      this.#menus.set(restaurant.id, [...(menus[restaurant.id] ?? [])]);
    }
  }

  listRestaurants(): Restaurant[] {
    return [...this.#restaurants.values()];
  }

  getRestaurant(id: string): Restaurant | null {
    return this.#restaurants.get(id) ?? null;
  }

  getMenu(restaurantId: string): MenuItem[] | null {
    return this.#menus.get(restaurantId) ?? null;
  }

  addMenuItem(restaurantId: string, item: Omit<MenuItem, 'id'>): MenuItem {
    const menu = this.#menus.get(restaurantId);
    if (menu === undefined) throw new TypeError(`no restaurant ${restaurantId}`);
    const added = { id: randomUUID(), ...item };
    menu.push(added);
    return added;
  }

  /** Places an order; `null` when the restaurant or one of the items does not exist. */
  placeOrder(
    userId: string,
    restaurantId: string,
    items: readonly { itemId: string; quantity: number }[],
    now: Date,
  ): Order | null {
    const menu = this.#menus.get(restaurantId);
    if (menu === undefined) return null;
    const lines: OrderLine[] = [];
    for (const { itemId, quantity } of items) {
      const item = menu.find((candidate) => candidate.id === itemId);
      if (item === undefined) return null;
      lines.push({ itemId, name: item.name, quantity, priceCents: item.priceCents });
    }
    const order: Order = {
      id: randomUUID(),
      userId,
      restaurantId,
      lines,
      totalCents: lines.reduce((sum, line) => sum + line.priceCents * line.quantity, 0),
      placedAt: now.toISOString(),
    };
    this.#orders.push(order);
    return order;
  }

  listOrdersOf(userId: string): Order[] {
    return this.#orders.filter((order) => order.userId === userId);
  }
}
