/*
 * What the nearby feature adds to 一张图: the 路网 layer, the search results layer and the 周边资源 panel.
 * Imported once by map/layerCatalogue.ts.
 */
import { registerMapPanel } from '../../map/panels.ts';
import { NearbyPanel } from './NearbyPanel.tsx';
import './roadsLayer.ts';
import './resultsLayer.ts';

registerMapPanel({ id: 'nearby', order: 10, component: NearbyPanel });
