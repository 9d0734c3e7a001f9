package com.warehouseexport.api.v1;

import com.warehouseexport.errors.InvalidInputException;

/**
 * Reading query parameters exactly: a boolean is {@code true} or {@code false} (not "anything else
 * is false"), a whole number lies within its bounds; otherwise a 400 naming the parameter.
 */
final class QueryParams {

  private QueryParams() {}

  static boolean bool(String value, String name) {
    if (value == null || value.isEmpty()) {
      return false;
    }
    if (value.equals("true")) {
      return true;
    }
    if (value.equals("false")) {
      return false;
    }
    throw new InvalidInputException(name, name + " must be true or false");
  }

  static int intIn(String value, String name, int absent, int min, int max) {
    if (value == null || value.isEmpty()) {
      return absent;
    }
    int parsed;
    try {
      parsed = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw outOfRange(name, min, max);
    }
    if (parsed < min || parsed > max) {
      throw outOfRange(name, min, max);
    }
    return parsed;
  }

  private static InvalidInputException outOfRange(String name, int min, int max) {
    return new InvalidInputException(
        name, name + " must be a whole number from " + min + " to " + max);
  }
}
