package io.apogee.tools.admin;

/**
 * A message to send: topic, optional tag and keys (space separated), body.
 *
 * @param tags null for none
 * @param keys null for none
 */
public record OutgoingMessage(String topic, String tags, String keys, byte[] body) {
}
