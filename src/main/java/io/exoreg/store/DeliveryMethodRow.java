package io.exoreg.store;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

@Entity
@Table(name = "delivery_method")
class DeliveryMethodRow extends NodeRow {}
