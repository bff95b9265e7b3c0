/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The kernel layers' one translation of libnl's own error codes (NLE_*)
 * into the nearest errno, so that both report a failure alike.
 */
#ifndef LVSADM_NLERR_H
#define LVSADM_NLERR_H

/* -errno for the negative libnl code @nlerr. */
int lvs_nlerr_errno(int nlerr);

#endif
