export * from "./generated/models";
export * from "./generated/channels";
export type { components, operations, paths } from "./generated/rest-types";
export type { ChannelDescriptor } from "./protocol/channel-descriptor";
export { buildTopic, canonicalJson } from "./protocol/topic";
