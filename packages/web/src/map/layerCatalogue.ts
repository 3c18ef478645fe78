/*
 * Every module that registers 一张图 layers, imported once for its side effect before the map is built.
 * A domain that adds layers (features/<domain>/mapLayers.ts) adds one import line here.
 */
import './baseLayers.ts';
import '../features/nearby/mapExtensions.ts';
import '../features/rescue/mapLayers.ts';
import '../features/shelters/mapLayers.ts';
import '../features/supplies/mapLayers.ts';
import '../features/monitoring/mapLayers.ts';
import '../features/warnings/mapLayers.ts';
