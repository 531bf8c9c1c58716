/**
 * Audio data for keyword spotting.
 *
 * <ul>
 *   <li>{@link io.pqkmcu.model.data.WavFile}: validated RIFF/WAVE PCM reading and atomic writing; the
 *       training contract (16 kHz, mono, 16-bit) is enforced by {@code readKwsClip}.</li>
 *   <li>{@link io.pqkmcu.trainer.data.SpeechCommands}: reads Google Speech Commands v1/v2 (or a synthetic copy)
 *       into the 12-class task described by {@link io.pqkmcu.trainer.data.KwsTask}, giving a
 *       {@link io.pqkmcu.trainer.data.KwsDataset} of lazily loaded {@link io.pqkmcu.trainer.data.KwsEntry}s.</li>
 *   <li>{@link io.pqkmcu.trainer.data.SyntheticKwsGenerator}: makes a deterministic Speech-Commands-layout
 *       dataset with espeak-ng ({@link io.pqkmcu.trainer.data.SynthOptions}), with its helpers
 *       {@link io.pqkmcu.model.data.Resampler}, {@link io.pqkmcu.trainer.data.NoiseGenerator} and
 *       {@link io.pqkmcu.trainer.data.BabbleGenerator}.</li>
 * </ul>
 */
package io.pqkmcu.trainer.data;
