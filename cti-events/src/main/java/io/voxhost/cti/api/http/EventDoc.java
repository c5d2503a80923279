package io.voxhost.cti.api.http;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The shape of one event of {@code POST /api/v1/cti/events}, for the API's document: the body is
 * read element by element ({@link io.voxhost.cti.service.EventJson}), so that one malformed event
 * is reported by its index instead of failing the request.
 */
@Schema(name = "CallEvent", description = "One call event in the normalised form of cti.md")
public record EventDoc(
    @Schema(description = "The kind of source: asterisk-cel, freeswitch, ... or your own name")
        String source,
    @Schema(description = "Which one of them: a system name, a FreeSWITCH Core-UUID")
        String instance,
    @Schema(description = "The event's identity within source and instance: kept once") String id,
    @Schema(description = "Its order within the instance, when the source has one") Long seq,
    @Schema(
            description =
                "When it happened: RFC 3339 with offset, or microseconds since 1970 as a number")
        String at,
    @Schema(description = "What happened: channel-start, answer, hangup, queue-enter, ... (cti.md)")
        String type,
    @Schema(description = "The source's call key: Asterisk linkedid, FreeSWITCH call UUID")
        String call,
    @Schema(description = "The leg: Asterisk uniqueid") String channel,
    @Schema(description = "The other leg the event links (bridge, transfer, pickup)") String peer,
    @Schema(description = "The queue of a queue event") String queue,
    @Schema(description = "The agent of a queue or agent event") String agent,
    @Schema(description = "The caller's number") String number,
    @Schema(description = "The caller's name as the source gave it") String name,
    @Schema(description = "The number dialled") String dialled,
    @Schema(description = "Anything else the source said: a JSON object, 4,096 characters at most")
        Map<String, Object> data) {}
