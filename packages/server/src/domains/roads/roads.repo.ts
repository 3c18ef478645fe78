import type { Selectable } from 'kysely';
import type { Executor } from '../../platform/db/types.ts';
import type { RoadEdgesTable, RoadNodesTable } from './roads.tables.ts';

export type RoadEdgeRow = Selectable<RoadEdgesTable>;
export type RoadNodeRow = Selectable<RoadNodesTable>;

/*
 * The road network is shared infrastructure, not a register of an area: routes from a township cross the others,
 * so reads are not filtered by scope. Writes to one segment check its area in the service.
 */
export const roadsRepo = {
  nodes(db: Executor): Promise<RoadNodeRow[]> {
    return db.selectFrom('road_nodes').selectAll().execute();
  },

  edges(db: Executor): Promise<RoadEdgeRow[]> {
    return db.selectFrom('road_edges').selectAll().orderBy('feature_row').orderBy('id').execute();
  },

  edge(db: Executor, id: string): Promise<RoadEdgeRow | undefined> {
    return db.selectFrom('road_edges').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async count(db: Executor): Promise<number> {
    const row = await db
      .selectFrom('road_edges')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** Replaces the whole network (inside the caller's transaction). */
  async replace(db: Executor, nodes: RoadNodesTable[], edges: RoadEdgesTable[]): Promise<void> {
    await db.deleteFrom('road_edges').execute();
    await db.deleteFrom('road_nodes').execute();
    // Chunks keep each statement under SQLite's bound-parameter limit.
    for (let i = 0; i < nodes.length; i += 500) {
      await db
        .insertInto('road_nodes')
        .values(nodes.slice(i, i + 500))
        .execute();
    }
    for (let i = 0; i < edges.length; i += 200) {
      await db
        .insertInto('road_edges')
        .values(edges.slice(i, i + 200))
        .execute();
    }
  },

  async setClosed(
    db: Executor,
    id: string,
    changes: Pick<RoadEdgesTable, 'closed' | 'closed_reason' | 'closed_at' | 'closed_by'>,
  ): Promise<void> {
    await db.updateTable('road_edges').set(changes).where('id', '=', id).execute();
  },
};
