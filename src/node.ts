/**
 * The Node entry point: the file-system port on `node:fs`, for `loadFile`.
 */
export { nodeFileSystem } from './load/NodeFileSystem.js'
