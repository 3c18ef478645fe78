/** 路网: a graph of nodes (junctions, line ends) and edges (road segments between them), replaced whole on import. */
export interface RoadNodesTable {
  id: string;
  lon: number;
  lat: number;
}

export interface RoadEdgesTable {
  id: string;
  from_node: string;
  to_node: string;
  name: string | null;
  road_class: string | null;
  length_m: number;
  /** The segment's [lon, lat] positions as JSON text, from from_node to to_node. */
  coordinates: string;
  /** 0/1: closed by the imported data or by an officer (flooded, landslide, bridge down). */
  closed: number;
  closed_reason: string | null;
  closed_at: string | null;
  closed_by: string | null;
  /** The area of the segment's midpoint; null outside every known area. */
  area_code: string | null;
  /** 0/1: generated for the demo county (演示路网), not surveyed roads. */
  demo: number;
  /** The feature of the imported file this segment came from (1-based), for people tracing a problem back. */
  feature_row: number;
  created_at: string;
}

export interface RoadsTables {
  road_nodes: RoadNodesTable;
  road_edges: RoadEdgesTable;
}
