/**
 * Exact top-k retrieval of buyers for groups (and groups for buyers) over primitive columns, and capacity-aware
 * assignment.
 */
package org.marketlink.matching.retrieval;
