// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ToastProvider, useToast, type ToastKind } from '../../src/workspace/toasts';

let show: (text: string, kind?: ToastKind) => void = () => {};
function Grab() {
  show = useToast().show;
  return null;
}

afterEach(cleanup);

describe('toasts', () => {
  it('keep an error until a later action succeeds, then show only the success', () => {
    render(
      <ToastProvider closeLabel="Dismiss">
        <Grab />
      </ToastProvider>,
    );
    act(() => show('Say why this figure is off pace', 'error'));
    act(() => show('Saved as info', 'info'));
    expect(screen.getByRole('alert').textContent).toContain('Say why this figure is off pace');
    act(() => show('Check-in recorded'));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('Check-in recorded')).toBeTruthy();
    expect(screen.getByText('Saved as info')).toBeTruthy();
  });
});
