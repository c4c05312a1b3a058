package io.exoreg.store;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

@Entity
@Table(name = "source")
public class SourceRow extends TreeNodeRow {}
