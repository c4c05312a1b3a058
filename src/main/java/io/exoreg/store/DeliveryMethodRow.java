package io.exoreg.store;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

@Entity
@Table(name = "delivery_method")
public class DeliveryMethodRow extends TreeNodeRow {}
