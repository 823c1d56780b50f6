/** The in-memory images, bus and documents of shared/adapters/memory, where the tests have always found them. */
export { MemoryDocuments, MemoryImages, MemoryMedia, RecordingBus } from '../../shared/adapters/memory';
