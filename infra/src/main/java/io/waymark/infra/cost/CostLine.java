package io.waymark.infra.cost;

/**
 * One line of the estimate.
 *
 * @param item what is billed
 * @param basis how the amount was derived (quantity × unit price)
 * @param monthly US dollars per month
 */
public record CostLine(String item, String basis, double monthly) {}
