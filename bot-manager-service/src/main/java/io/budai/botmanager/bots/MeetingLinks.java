package io.budai.botmanager.bots;

import io.budai.botmanager.BotManagerProperties;
import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Validates a meeting reference and turns it into (platform, native id, URL, passcode), following
 * vexa-api.md b.5: either {@code platform} + {@code native_meeting_id}, or a {@code meeting_url}
 * parsed into them. Every refusal names the field and says what would be accepted.
 */
@Component
public class MeetingLinks {

  /** Platforms a bot can be requested for. */
  public static final List<String> PLATFORMS =
      List.of("google_meet", "teams", "zoom", "jitsi", "browser_session");

  private static final Pattern MEET_CODE = Pattern.compile("[a-z]{3}-[a-z]{4}-[a-z]{3}");
  private static final Pattern MEET_NICKNAME = Pattern.compile("[a-z0-9][a-z0-9-]{3,38}[a-z0-9]");
  private static final Pattern TEAMS_NUMERIC = Pattern.compile("\\d{10,15}");
  private static final Pattern TEAMS_HASH = Pattern.compile("[0-9a-f]{16}");
  private static final Pattern TEAMS_THREAD =
      Pattern.compile("19:meeting_[^@%\\s/]+@thread\\.v2", Pattern.CASE_INSENSITIVE);
  private static final Pattern TEAMS_PASSCODE = Pattern.compile("[A-Za-z0-9]{8,20}");
  private static final Pattern ZOOM_ID = Pattern.compile("\\d{9,11}");
  private static final Pattern ZOOM_PATH =
      Pattern.compile("/(?:j|wc/join|wc|s)/(\\d{9,11})(?:/.*)?");
  private static final Pattern ZOOM_PASSCODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern JITSI_ROOM = Pattern.compile("[^/?#\\s@]{1,200}");
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Set<String> TEAMS_HOSTS =
      Set.of(
          "teams.microsoft.com",
          "teams.live.com",
          "gov.teams.microsoft.us",
          "dod.teams.microsoft.us");

  private final Set<String> jitsiHosts;

  MeetingLinks(BotManagerProperties properties) {
    this.jitsiHosts =
        Set.copyOf(properties.jitsiHosts().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList());
  }

  /**
   * The meeting a request points at.
   *
   * @throws InvalidBotRequestException when it cannot be resolved or is not valid
   */
  public Resolved resolve(
      @Nullable String platform,
      @Nullable String nativeMeetingId,
      @Nullable String meetingUrl,
      @Nullable String passcode) {
    if (platform != null && !PLATFORMS.contains(platform)) {
      throw new InvalidBotRequestException(
          "platform",
          "Unknown platform '"
              + clean(platform)
              + "'; expected one of "
              + String.join(", ", PLATFORMS)
              + ".");
    }
    if (nativeMeetingId != null) {
      checkId(nativeMeetingId);
    }
    if (passcode != null && (passcode.isBlank() || CONTROL.matcher(passcode).find())) {
      throw new InvalidBotRequestException(
          "passcode", "passcode must not be blank or contain control characters.");
    }
    if (nativeMeetingId == null || nativeMeetingId.isBlank()) {
      if (meetingUrl == null || meetingUrl.isBlank()) {
        throw new InvalidBotRequestException(
            "native_meeting_id", "Give platform and native_meeting_id, or a meeting_url.");
      }
      Resolved parsed = parse(meetingUrl);
      if (platform != null && !platform.equals(parsed.platform())) {
        throw new InvalidBotRequestException(
            "meeting_url",
            "meeting_url is a " + parsed.platform() + " link, not " + platform + ".");
      }
      return withPasscode(parsed, passcode);
    }
    if (platform == null) {
      throw new InvalidBotRequestException(
          "platform", "platform is required with native_meeting_id.");
    }
    String id = nativeMeetingId.trim();
    Resolved fromUrl = meetingUrl == null || meetingUrl.isBlank() ? null : parse(meetingUrl);
    if (fromUrl != null && !fromUrl.platform().equals(platform)) {
      throw new InvalidBotRequestException(
          "meeting_url", "meeting_url is a " + fromUrl.platform() + " link, not " + platform + ".");
    }
    Resolved resolved =
        switch (platform) {
          case "google_meet" -> googleMeet(id);
          case "teams" -> teams(id, fromUrl);
          case "zoom" -> zoom(id);
          case "jitsi" -> jitsi(id);
          default -> new Resolved(platform, id, "browser_session://" + id, null);
        };
    if (fromUrl != null) {
      resolved =
          new Resolved(
              resolved.platform(), resolved.nativeMeetingId(), fromUrl.url(), fromUrl.passcode());
    }
    return withPasscode(resolved, passcode);
  }

  private Resolved googleMeet(String id) {
    String code = id.toLowerCase(Locale.ROOT);
    if (!MEET_CODE.matcher(code).matches() && !MEET_NICKNAME.matcher(code).matches()) {
      throw new InvalidBotRequestException(
          "native_meeting_id",
          "Invalid Google Meet id '" + clean(id) + "': expected a code like abc-defg-hij.");
    }
    return new Resolved("google_meet", code, "https://meet.google.com/" + code, null);
  }

  private Resolved teams(String id, @Nullable Resolved fromUrl) {
    if (TEAMS_NUMERIC.matcher(id).matches()) {
      return new Resolved("teams", id, "https://teams.live.com/meet/" + id, null);
    }
    if ((TEAMS_HASH.matcher(id).matches() || TEAMS_THREAD.matcher(id).matches())) {
      if (fromUrl == null) {
        throw new InvalidBotRequestException(
            "meeting_url", "This Teams meeting id needs the full meeting_url to join.");
      }
      return new Resolved("teams", id, fromUrl.url(), fromUrl.passcode());
    }
    throw new InvalidBotRequestException(
        "native_meeting_id",
        "Invalid Teams id '"
            + clean(id)
            + "': expected the 10–15 digit meeting id (or give meeting_url).");
  }

  private Resolved zoom(String id) {
    if (!ZOOM_ID.matcher(id).matches()) {
      throw new InvalidBotRequestException(
          "native_meeting_id", "Invalid Zoom id '" + clean(id) + "': expected 9–11 digits.");
    }
    return new Resolved("zoom", id, "https://zoom.us/j/" + id, null);
  }

  private Resolved jitsi(String id) {
    int at = id.indexOf('@');
    String room = at < 0 ? id : id.substring(0, at);
    String host = at < 0 ? "meet.jit.si" : id.substring(at + 1).toLowerCase(Locale.ROOT);
    if (!JITSI_ROOM.matcher(room).matches()) {
      throw new InvalidBotRequestException(
          "native_meeting_id",
          "Invalid Jitsi room '" + clean(room) + "': one path segment expected.");
    }
    if (!jitsiHosts.contains(host)) {
      throw new InvalidBotRequestException(
          "native_meeting_id", "Jitsi host " + clean(host) + " is not allowed (BOT_JITSI_HOSTS).");
    }
    String nativeId = host.equals("meet.jit.si") ? room : room + "@" + host;
    return new Resolved("jitsi", nativeId, "https://" + host + "/" + room, null);
  }

  /** Parses a meeting URL into its platform, native id and passcode. */
  Resolved parse(String meetingUrl) {
    URI uri;
    try {
      uri = new URI(meetingUrl.trim());
    } catch (URISyntaxException e) {
      throw new InvalidBotRequestException("meeting_url", "meeting_url is not a valid URL.");
    }
    if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
      throw new InvalidBotRequestException("meeting_url", "meeting_url must be an https:// URL.");
    }
    String host = IDN.toASCII(uri.getHost()).toLowerCase(Locale.ROOT);
    if (host.equals("localhost")
        || host.endsWith(".localhost")
        || IPV4.matcher(host).matches()
        || host.startsWith("[")
        || host.contains(":")) {
      throw new InvalidBotRequestException(
          "meeting_url",
          "meeting_url must name a meeting service host, not localhost or an IP address.");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    Map<String, List<String>> query = UriComponentsBuilder.fromUri(uri).build().getQueryParams();
    String url = uri.toString();
    if (host.equals("meet.google.com")) {
      String[] segments = path.split("/");
      String code = segments.length == 0 ? "" : segments[segments.length - 1];
      Resolved meet = googleMeet(code);
      return meet;
    }
    if (TEAMS_HOSTS.contains(host)) {
      String decoded = URLDecoder.decode(path, StandardCharsets.UTF_8);
      Matcher thread = TEAMS_THREAD.matcher(decoded);
      if (thread.find()) {
        return new Resolved("teams", thread.group(), url, null);
      }
      Matcher shortLink = Pattern.compile("/meet/([^/?#]+)").matcher(path);
      if (shortLink.find()) {
        String id = shortLink.group(1);
        String passcode = first(query, "p");
        if (!TEAMS_NUMERIC.matcher(id).matches()) {
          throw new InvalidBotRequestException(
              "meeting_url", "Invalid Teams meeting link: expected /meet/<digits>.");
        }
        return new Resolved("teams", id, url, passcode);
      }
      throw new InvalidBotRequestException("meeting_url", "Not a Teams meeting link.");
    }
    if (host.equals("zoom.us") || host.endsWith(".zoom.us")) {
      Matcher matcher = ZOOM_PATH.matcher(path);
      if (!matcher.matches()) {
        throw new InvalidBotRequestException(
            "meeting_url", "Not a Zoom meeting link (expected /j/<meeting id>).");
      }
      return new Resolved("zoom", matcher.group(1), url, first(query, "pwd"));
    }
    if (jitsiHosts.contains(host)) {
      String room = path.startsWith("/") ? path.substring(1) : path;
      Resolved jitsi = jitsi(host.equals("meet.jit.si") ? room : room + "@" + host);
      return new Resolved("jitsi", jitsi.nativeMeetingId(), url, null);
    }
    throw new InvalidBotRequestException(
        "meeting_url",
        "Unsupported meeting host "
            + host
            + " (Google Meet, Teams, Zoom or an allowed Jitsi host).");
  }

  private static Resolved withPasscode(Resolved resolved, @Nullable String passcode) {
    String code = passcode != null ? passcode.trim() : resolved.passcode();
    if (code == null) {
      return resolved;
    }
    switch (resolved.platform()) {
      case "google_meet" ->
          throw new InvalidBotRequestException(
              "passcode", "Google Meet meetings take no passcode.");
      case "teams" -> {
        if (!TEAMS_PASSCODE.matcher(code).matches()) {
          throw new InvalidBotRequestException(
              "passcode", "A Teams passcode is 8–20 letters or digits.");
        }
      }
      case "zoom" -> {
        if (!ZOOM_PASSCODE.matcher(code).matches()) {
          throw new InvalidBotRequestException("passcode", "Invalid Zoom passcode.");
        }
      }
      default -> {}
    }
    String url = resolved.url();
    if (passcode != null && resolved.platform().equals("teams") && !url.contains("?p=")) {
      url = url + "?p=" + code;
    } else if (passcode != null && resolved.platform().equals("zoom") && !url.contains("pwd=")) {
      url = url + (url.contains("?") ? "&" : "?") + "pwd=" + code;
    }
    return new Resolved(resolved.platform(), resolved.nativeMeetingId(), url, code);
  }

  private static void checkId(String id) {
    if (id.isBlank() || id.length() > 255 || CONTROL.matcher(id).find()) {
      throw new InvalidBotRequestException(
          "native_meeting_id",
          "native_meeting_id must be 1–255 characters without control characters.");
    }
  }

  private static @Nullable String first(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  private static String clean(String value) {
    String cleaned = CONTROL.matcher(value).replaceAll("");
    return cleaned.length() > 80 ? cleaned.substring(0, 80) + "…" : cleaned;
  }

  /**
   * A resolved meeting.
   *
   * @param platform the platform
   * @param nativeMeetingId the platform's meeting id
   * @param url the URL a bot joins
   * @param passcode the passcode, if any
   */
  public record Resolved(
      String platform, String nativeMeetingId, String url, @Nullable String passcode) {}
}
