package io.exoreg.store;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

@Entity
@Table(name = "source")
class SourceRow extends NodeRow {}
