import { registerLayer } from '../../map/layers.ts';
import { WARNING_AREAS_LAYER, warningAreas, warningAreasLayer } from './warningLayer.ts';
import { fetchPublicWarnings } from './warningsApi.ts';

/* 一张图 layer of the warnings domain: the county's published warnings as coloured areas, reloaded when one is
 * published or ends. */
registerLayer(warningAreasLayer(WARNING_AREAS_LAYER, async ({ signal }) => warningAreas(await fetchPublicWarnings(signal))));
