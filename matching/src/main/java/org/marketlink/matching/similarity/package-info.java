/**
 * Product vectors and exact cosine or inner-product top-k similarity.
 */
package org.marketlink.matching.similarity;
