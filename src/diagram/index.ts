// Public surface of the diagram layer: pure layout and progress math, and the React components.
export { LANE_GROUP, laneGroup, shortLaneName, truncate, type LaneGroup } from './lanes';
export {
  layoutSequence,
  arrowPaths,
  BADGE_RADIUS,
  DEFAULT_ROW_HEIGHT,
  LABEL_CHAR_WIDTH,
  type LabelPosition,
  type LanePosition,
  type LayoutOptions,
  type Loop,
  type MessageRow,
  type PhaseMark,
  type Point,
  type SequenceLayout,
} from './layout';
export { visibleRange, rowAtOrBefore, scrollTargetFor, type RowRange } from './viewport';
export { messageProgress, dotPosition, type MessageProgress } from './progress';
export { normalizeSvg } from './normalizeSvg';
export { SequenceDiagram, type SequenceDiagramProps } from './SequenceDiagram';
export { LifelineHeads, headGeometry, type LaneHead, type LaneHeads } from './LifelineHeads';
export { MessageArrow, badgeText, type MessageStatus } from './MessageArrow';
export {
  queueSegments,
  queueCountsAt,
  queueOf,
  type QueueCounts,
  type QueueName,
  type QueueSegment,
} from './queueLane';
