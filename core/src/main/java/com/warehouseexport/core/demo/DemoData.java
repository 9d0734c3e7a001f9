package com.warehouseexport.core.demo;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Command line for the demo data generator.
 *
 * <pre>
 * java -cp core/target/warehouse-export-core-*.jar com.warehouseexport.core.demo.DemoData \
 *   --companies 200 --features 8 --days 200 --seed 42 \
 *   ( --out items.json | --post http://localhost:8080 --key wx_… )
 * </pre>
 *
 * {@code --out} writes one JSON array (a valid bulk body); {@code --post} sends batches of {@code
 * --batch} items (default 1000) to the bulk ingestion API and prints the events per second.
 */
public final class DemoData {

  private DemoData() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    DemoDataGenerator generator =
        new DemoDataGenerator(
            new DemoDataGenerator.Options(
                Integer.parseInt(opts.getOrDefault("companies", "200")),
                Integer.parseInt(opts.getOrDefault("features", "8")),
                Integer.parseInt(opts.getOrDefault("days", "200")),
                Long.parseLong(opts.getOrDefault("seed", "42")),
                LocalDate.parse(
                    opts.getOrDefault("end", LocalDate.now(ZoneOffset.UTC).toString()))));
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    if (opts.containsKey("post")) {
      post(
          generator,
          opts.get("post"),
          opts.get("key"),
          Integer.parseInt(opts.getOrDefault("batch", "1000")),
          err);
    } else if (opts.containsKey("out")) {
      try (Writer out = Files.newBufferedWriter(Path.of(opts.get("out")), StandardCharsets.UTF_8)) {
        writeArray(generator, out);
      }
    } else {
      err.println(
          "usage: DemoData [--companies N] [--features M] [--days D] [--seed S] [--end YYYY-MM-DD]"
              + " (--out FILE | --post BASE_URL --key INGESTION_KEY [--batch 1000])");
      System.exit(2);
    }
  }

  static void writeArray(DemoDataGenerator generator, Writer out) throws IOException {
    out.write('[');
    boolean[] first = {true};
    IOException[] failure = {null};
    generator.generate(
        item -> {
          try {
            if (!first[0]) {
              out.write(",\n");
            }
            first[0] = false;
            out.write(item);
          } catch (IOException e) {
            failure[0] = e;
          }
        });
    if (failure[0] != null) {
      throw failure[0];
    }
    out.write("]\n");
  }

  private static void post(
      DemoDataGenerator generator, String base, String key, int batch, PrintWriter err)
      throws Exception {
    if (key == null) {
      throw new IllegalArgumentException("--post needs --key <ingestion key>");
    }
    HttpClient client = HttpClient.newHttpClient();
    URI uri = URI.create(base.replaceAll("/$", "") + "/api/v1/track/bulk");
    List<String> buffer = new ArrayList<>(batch);
    long[] sent = {0};
    long started = System.nanoTime();
    List<Exception> failures = new ArrayList<>();
    generator.generate(
        item -> {
          buffer.add(item);
          if (buffer.size() == batch) {
            flush(client, uri, key, buffer, sent, failures);
          }
        });
    flush(client, uri, key, buffer, sent, failures);
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    err.printf("Sent %d items in %.1f s (%.0f items/s)%n", sent[0], seconds, sent[0] / seconds);
  }

  private static void flush(
      HttpClient client,
      URI uri,
      String key,
      List<String> buffer,
      long[] sent,
      List<Exception> failures) {
    if (buffer.isEmpty() || !failures.isEmpty()) {
      buffer.clear();
      return;
    }
    String body = "[" + String.join(",", buffer) + "]";
    try {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(uri)
                  .header("Authorization", "Bearer " + key)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        failures.add(new IOException("HTTP " + response.statusCode() + ": " + response.body()));
      }
      sent[0] += buffer.size();
    } catch (IOException e) {
      failures.add(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failures.add(e);
    }
    buffer.clear();
  }
}
