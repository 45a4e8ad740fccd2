import type { FuseV1Config } from '@electron/fuses'

/** Each fuse and the value it is flipped to. */
export declare const FUSES: FuseV1Config
