import type { ComponentType } from 'react';
import type { AreaRef } from '../app/currentArea.tsx';
import type { MapEngine } from './mapEngine.ts';

/*
 * Tools that float over 一张图 (周边资源 search, later: plotting, measuring…) register here, as layers do in
 * layers.ts: the map page renders every registered panel with the live map engine and the current area.
 */

export interface MapPanelProps {
  /** Null until the map has been created (and again after it is destroyed). */
  engine: MapEngine | null;
  area: AreaRef;
}

export interface MapPanelDefinition {
  id: string;
  /** Rendering order among panels. */
  order: number;
  component: ComponentType<MapPanelProps>;
}

const panels = new Map<string, MapPanelDefinition>();

export function registerMapPanel(definition: MapPanelDefinition): void {
  if (panels.has(definition.id)) throw new Error(`map panel "${definition.id}" is registered twice`);
  panels.set(definition.id, definition);
}

export function registeredPanels(): MapPanelDefinition[] {
  return [...panels.values()].sort((a, b) => a.order - b.order);
}
