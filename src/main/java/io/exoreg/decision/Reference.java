package io.exoreg.decision;

/** A cited document. Its date is as precise as the source gives it (a year, a month or a day). */
public record Reference(
    String id, String title, String publisher, String date, String url, String kind) {}
