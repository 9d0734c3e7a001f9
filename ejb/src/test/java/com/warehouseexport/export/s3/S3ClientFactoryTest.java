package com.warehouseexport.export.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.core.net.EndpointGuard;
import com.warehouseexport.core.net.HostResolver;
import com.warehouseexport.core.s3.S3Location;
import com.warehouseexport.core.s3.S3Provider;
import com.warehouseexport.it.Prerequisites;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** Client construction and the SSRF hooks, without any network traffic. */
class S3ClientFactoryTest {

  private static final S3Credentials CREDENTIALS =
      new S3Credentials("AKIATESTACCESSKEY001", "secret-secret-secret");

  private static final HostResolver FIXED =
      host -> {
        switch (host) {
          case "public.example":
            return List.of(InetAddress.getByAddress(host, new byte[] {93, (byte) 184, 2, 34}));
          case "metadata.example":
            return List.of(
                InetAddress.getByAddress(
                    host, new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254}));
          default:
            throw new UnknownHostException(host);
        }
      };

  private static S3Location custom(String endpoint) {
    return new S3Location(S3Provider.CUSTOM, "bucket", "auto", "", URI.create(endpoint), true);
  }

  @Test
  void serverConfigurationIsReadFromTheSystemProperty() {
    Prerequisites.require(
        System.getenv(S3ClientFactory.ALLOWLIST_ENV) == null,
        "S3ClientFactoryTest",
        "no "
            + S3ClientFactory.ALLOWLIST_ENV
            + " in the environment (it would win over the property)");
    String before = System.getProperty(S3ClientFactory.ALLOWLIST_PROPERTY);
    System.setProperty(S3ClientFactory.ALLOWLIST_PROPERTY, "10.0.0.0/8, minio.internal");
    try {
      EndpointGuard guard = S3ClientFactory.fromServerConfiguration();
      assertTrue(guard.check(URI.create("http://10.1.2.3:9000"), FIXED).allowed());
      assertTrue(guard.check(URI.create("http://minio.internal"), FIXED).allowed());
      assertFalse(guard.check(URI.create("http://127.0.0.1"), FIXED).allowed());
    } finally {
      if (before == null) {
        System.clearProperty(S3ClientFactory.ALLOWLIST_PROPERTY);
      } else {
        System.setProperty(S3ClientFactory.ALLOWLIST_PROPERTY, before);
      }
    }
  }

  @Test
  void withoutConfigurationOnlyPublicEndpointsAreAllowed() {
    Prerequisites.require(
        System.getenv(S3ClientFactory.ALLOWLIST_ENV) == null,
        "S3ClientFactoryTest",
        "no "
            + S3ClientFactory.ALLOWLIST_ENV
            + " in the environment (it would win over the property)");
    String before = System.getProperty(S3ClientFactory.ALLOWLIST_PROPERTY);
    System.clearProperty(S3ClientFactory.ALLOWLIST_PROPERTY);
    try {
      EndpointGuard guard = S3ClientFactory.fromServerConfiguration();
      assertTrue(guard.check(URI.create("https://public.example"), FIXED).allowed());
      assertFalse(guard.check(URI.create("http://10.1.2.3"), FIXED).allowed());
    } finally {
      if (before != null) {
        System.setProperty(S3ClientFactory.ALLOWLIST_PROPERTY, before);
      }
    }
  }

  @Test
  void metadataEndpointIsRefusedBeforeAnyClientIsBuilt() {
    S3ClientFactory factory = new S3ClientFactory(FIXED);

    S3AccessException e =
        assertThrows(
            S3AccessException.class,
            () ->
                factory.create(
                    custom("http://metadata.example"), CREDENTIALS, EndpointGuard.fromConfig("")));

    assertEquals(ValidationResult.FIELD_ENDPOINT, e.field());
    assertTrue(e.getMessage().contains("link-local"), e.getMessage());
    assertFalse(e.getMessage().contains("secret-secret"), e.getMessage());
  }

  @Test
  void unresolvableCustomEndpointIsRefused() {
    S3ClientFactory factory = new S3ClientFactory(FIXED);

    S3AccessException e =
        assertThrows(
            S3AccessException.class,
            () ->
                factory.create(
                    custom("https://nowhere.example"), CREDENTIALS, EndpointGuard.fromConfig("")));

    assertTrue(e.getMessage().contains("could not be resolved"), e.getMessage());
  }

  @Test
  void publicCustomEndpointAndAwsLocationsBuildClients() {
    S3ClientFactory factory = new S3ClientFactory(FIXED);
    EndpointGuard guard = EndpointGuard.fromConfig("");
    S3Location aws = new S3Location(S3Provider.AWS, "bucket", "eu-west-1", "", null, false);

    try (S3Client c = factory.create(custom("https://public.example"), CREDENTIALS, guard)) {
      assertEquals("auto", c.serviceClientConfiguration().region().id());
    }
    try (S3Client c = factory.createForValidation(aws, CREDENTIALS, guard)) {
      assertEquals("eu-west-1", c.serviceClientConfiguration().region().id());
    }
  }

  @Test
  void guardedDnsResolverRefusesInternalAnswersAndPassesPublicOnes() throws Exception {
    S3ClientFactory.GuardedDnsResolver resolver =
        new S3ClientFactory.GuardedDnsResolver(EndpointGuard.fromConfig(""), FIXED);

    assertEquals(1, resolver.resolve("public.example").length);
    S3ClientFactory.EndpointRefusedException e =
        assertThrows(
            S3ClientFactory.EndpointRefusedException.class,
            () -> resolver.resolve("metadata.example"));
    assertTrue(e.reason().contains("169.254.169.254"), e.reason());
    assertThrows(UnknownHostException.class, () -> resolver.resolve("nowhere.example"));
  }

  @Test
  void timeoutsNeedAtLeastOneAttempt() {
    S3ClientFactory.Timeouts t = S3ClientFactory.Timeouts.VALIDATION;
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new S3ClientFactory.Timeouts(
                t.connection(), t.socket(), t.apiCallAttempt(), t.apiCall(), 0));
  }

  @Test
  void transferTimeoutsComeFromTheServerSettingsWithSaneDefaults() {
    String[] keys = {
      "warehouse.s3.connect-timeout",
      "warehouse.s3.socket-timeout",
      "warehouse.s3.attempt-timeout",
      "warehouse.s3.call-timeout",
      "warehouse.s3.max-attempts"
    };
    try {
      assertEquals(S3ClientFactory.Timeouts.TRANSFER, S3ClientFactory.Timeouts.transfer());
      System.setProperty(keys[0], "PT1S");
      System.setProperty(keys[1], "PT3S");
      System.setProperty(keys[2], "PT4S");
      System.setProperty(keys[3], "PT9S");
      System.setProperty(keys[4], "2");
      assertEquals(
          new S3ClientFactory.Timeouts(
              java.time.Duration.ofSeconds(1),
              java.time.Duration.ofSeconds(3),
              java.time.Duration.ofSeconds(4),
              java.time.Duration.ofSeconds(9),
              2),
          S3ClientFactory.Timeouts.transfer());
      System.setProperty(keys[2], "PT10S"); // an attempt longer than its call
      assertThrows(IllegalStateException.class, S3ClientFactory.Timeouts::transfer);
      System.setProperty(keys[2], "PT0S");
      assertThrows(IllegalStateException.class, S3ClientFactory.Timeouts::transfer);
      System.setProperty(keys[2], "PT4S");
      System.setProperty(keys[4], "0");
      assertThrows(IllegalStateException.class, S3ClientFactory.Timeouts::transfer);
    } finally {
      for (String key : keys) {
        System.clearProperty(key);
      }
    }
  }
}
