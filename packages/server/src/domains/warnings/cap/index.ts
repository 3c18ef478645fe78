/**
 * CAP 1.2 for the warnings domain (issue E4 item 1 and 2; domain-rules B.1, B.2): structured alerts ↔ XML, validation
 * of documents from outside (guard → XSD → semantic rules), GeoJSON ↔ CAP areas, GB/T 35965.1-style identifiers,
 * level ↔ severity table, the Atom feed of published warnings, and a poller for other systems' feeds.
 * Pure functions and small I/O (xmllint child process, HTTP GET); no database — the warnings domain stores.
 */
export { toCapXml, parseCapXml } from './cap.xml.ts';
export { validateCapXml, type CapValidation, type CapValidateOptions } from './cap.validate.ts';
export { checkCapSemantics } from './cap.semantics.ts';
export { CAP_MAX_BYTES } from './cap.guard.ts';
export { XmllintUnavailableError, XMLLINT_TIMEOUT_MS } from './cap.xmllint.ts';
export { capSchemaPath } from './cap.standards.ts';
export {
  geoJsonToCapPolygons,
  capPolygonsToGeoJson,
  circleToCap,
  capToCircle,
  readCapPolygon,
  readCapCircle,
  assertPlausibleLatLon,
  COUNTY_BBOX_MARGIN_DEG,
  type CapCircle,
  type Bbox,
} from './cap.geo.ts';
export {
  capIdentifier,
  formatCapDateTime,
  capDateTimeToInstant,
  formatCapReferences,
  parseCapReferences,
  CAP_IDENTIFIER_PATTERN,
  CAP_IDENTIFIER_RULE,
  type CapIdentifierPieces,
  type CapIdentifierCodes,
  type CapReference,
} from './cap.identifier.ts';
export {
  capGradingFor,
  warningLevelForCap,
  CAP_SEVERITY_RULE,
  zCapSeverityTable,
  type CapGrading,
  type CapSeverityTable,
} from './cap.severity.ts';
export { toAtomFeed, parseAtomFeed, CAP_MIME_TYPE, type AtomFeed, type AtomFeedEntry, type AtomCapEntry } from './cap.atom.ts';
export { decodeXmlBytes, fetchXml, CapDocumentTooLargeError, CAP_FETCH_TIMEOUT_MS } from './cap.fetch.ts';
export {
  CapFeedPoller,
  type CapSeenStore,
  type CapSink,
  type CapInvalidReport,
  type CapPollFailure,
  type CapFeedPollerOptions,
  type CapPollSummary,
} from './cap.poller.ts';
